# tika.sed - Apache Tika's text of a letter, emulated from PDFBox's HTML
# (ExtractText -html: a <p> for each of PDFTextStripper's paragraphs, a
# <div> for each page): the tags go, so each paragraph's lines are
# followed by the blank line its "</p>" leaves, and a page's end by more,
# as Tika's XHTML-to-text gives them; the entities are decoded.
1,/<body>/d
/<\/body>/,$d
s/<[^>]*>//g
s/&lt;/</g
s/&gt;/>/g
s/&quot;/"/g
s/&#39;/'/g
s/&amp;/\&/g
