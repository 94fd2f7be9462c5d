# rendered.awk - a letter as a browser or a converter renders its HTML
# (w3m -dump, lynx -dump, html2text): the shapes normalize.c repairs.
#   -v indent=N   every line with text indented by N blanks (lynx's 3)
#   -v breaks=1   lines broken after a slash ("disputed items/" /
#                 "services set forth below:") and before a plural's
#                 "(s)" ("... 2004, Section" / "(s): Special Studies.")
#   -v rules=1    each page break (a form feed opening a line) a rule of
#                 79 "=" on a line of its own (html2text's <hr/>)
BEGIN { pad = sprintf("%*s", indent, ""); rule = sprintf("%79s", ""); gsub(/ /, "=", rule) }
# (a form feed stays at the line's start, the indent after it)
function put(s) { print (s == "" ? "" : substr(s, 1, 1) == "\f" ? "\f" pad substr(s, 2) : pad s) }
{
	line = $0
	if (rules && substr(line, 1, 1) == "\f") {
		put(rule)
		line = substr(line, 2)
	}
	if (breaks && (i = index(line, "items/services")) > 0) {
		put(substr(line, 1, i + 5))
		line = substr(line, i + 6)
	} else if (breaks && (i = index(line, " Section(s)")) > 1) {
		put(substr(line, 1, i + 7))
		line = substr(line, i + 8)
	}
	put(line)
}
