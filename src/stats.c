#include "stats.h"
int imr_stats_run(char **paths, int npaths, const char *html, bool validate)
{
	(void)paths; (void)npaths; (void)html; (void)validate;
	return 2;
}
