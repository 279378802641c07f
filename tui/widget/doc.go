// Package widget holds the drawing pieces of the dashboard that need no
// model: braille line charts with their x windows, gradient bars, digit
// images, the theme they are styled by, and the helpers that format
// numbers and fit styled text to exact widths. Each draws into plain lines
// of exactly the cells it is given.
package widget
