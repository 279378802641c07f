// Package format turns the lines of a training run's metrics file into
// records for vaetop watch. It is pure functions over bytes: the caller
// reads the file, splits it into lines, and draws the series.
//
// Generic JSON Lines: one object a line. Every number is a series, nested
// objects flattened with '/' ({"train":{"loss":1}} gives train/loss);
// keys are decoded as encoding/json decodes them. Strings, booleans, null
// and arrays are not series. Python's bare NaN, Infinity and -Infinity are
// numbers. The top-level keys step, global_step, iteration, iter, _step
// and epoch are x axes, never series: the first of them, in that order,
// that holds a finite number is the row's step.
//
// vaetop's own file is JSON Lines whose data lines have "kind":"epoch";
// the step is epoch, null is NaN (vaetop writes a non-finite figure so),
// and vaetop compare's "run" goes to Record.Run.
//
// CSV: the first non-blank line is the header, each later line a row of
// as many fields (RFC 4180 quoting within the line). A cell that is
// empty, NA or not a number is missing. Columns named as the step keys
// above are x axes: a row's step is the first of them it has a number in.
//
// In every format a row without a step is numbered: 1, 2, … counting the
// lines that gave a record. A name given twice on a row keeps its first
// place and its last value. A parser keeps at most 4096 names of at most
// 256 bytes: past that, new names are skipped. Once a file's names are
// known, a parser allocates nothing per line.
package format
