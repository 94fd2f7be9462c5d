# spaced.awk - a text whose pages are spaced differently, as a pipeline
# that joins pages made apart leaves it (a page OCR'd before pages
# extracted, PDFs merged).  Pages are parted by form feeds.
#   awk -v mode=double: a blank line after each line,
#       -v mode=single: one blank line fewer in each run of them
#                       (a double-spaced text single-spaced again),
#   -v pages=first: on the first page only, -v pages=rest: on the pages
#   after it; the other pages as they are.
BEGIN { p = 1 }
/^\f/ { p++ }
{ mine = (pages == "first") == (p == 1) }
mode == "single" && mine && /^ *$/ { run++; next }
{ while (run > 1) { print ""; run-- }; run = 0; print }
mode == "double" && mine { print "" }
END { while (run > 1) { print ""; run-- } }
