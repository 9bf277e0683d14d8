#pragma once
// A TIMESTAMP column as ISO-8601 UTC text in a statement, the form the
// store reads and writes ('YYYY-MM-DDTHH:MM:SSZ'; the columns hold UTC).
#define BACKFILL_ISO(column) "to_char(" column ", 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
