package tui

// Sizes of a watch chart: narrower or shorter charts are paged instead.
const (
	watchChartMinW = 38
	watchChartMinH = 9
	watchMaxCols   = 4
)

// watchGrid places the charts of the watch screen: cols×rows per page,
// with the column widths and row heights that fill the body.
type watchGrid struct {
	n, cols, rows, pages int
	colW, rowH           []int
}

// newWatchGrid lays n charts out under headerRows status rows and above
// the help line: as many columns as fit (at least watchChartMinW wide),
// as many rows as fit (watchChartMinH tall), fewer when there are fewer
// charts, so that one or two series get big charts.
func newWatchGrid(l layout, n, headerRows int) watchGrid {
	body := max(1, l.h-headerRows-1)
	maxCols := clamp((l.w+1)/(watchChartMinW+1), 1, watchMaxCols)
	maxRows := max(1, body/watchChartMinH)
	g := watchGrid{n: n, cols: max(1, min(maxCols, n))}
	g.rows = min(maxRows, max(1, (n+g.cols-1)/g.cols))
	// Fewer columns when the charts still fit the rows: taller is wider
	// than needed, and a near-empty last row wastes a band.
	for g.cols > 1 && (n+g.cols-2)/(g.cols-1) <= g.rows {
		g.cols--
	}
	per := g.cols * g.rows
	g.pages = max(1, (n+per-1)/per)
	g.colW = split(l.w-(g.cols-1), g.cols)
	g.rowH = split(body, g.rows)
	return g
}

// split divides total into n parts that differ by at most one, the
// larger first.
func split(total, n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = total / n
		if i < total%n {
			out[i]++
		}
	}
	return out
}

// perPage is how many charts a page holds.
func (g watchGrid) perPage() int { return g.cols * g.rows }

// onPage is how many charts page p shows.
func (g watchGrid) onPage(p int) int {
	return clamp(g.n-p*g.perPage(), 0, g.perPage())
}
