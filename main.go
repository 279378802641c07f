// Command vaetop trains a variational autoencoder on MNIST and lets you
// watch and steer it live in the terminal. See README.md.
package main

import (
	"context"
	"os"

	"github.com/vaetop/vaetop/app"
	"github.com/vaetop/vaetop/live"
	"github.com/vaetop/vaetop/tui"
)

func main() {
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr, dashboard))
}

// dashboard is the terminal viewer the app shows runs in, with the
// training box's figures in its status line.
func dashboard(ctx context.Context, runs []live.Run, o app.ViewOptions) error {
	return tui.Run(ctx, runs, tui.Options{ASCII: o.ASCII, ExploreOnly: o.Explore, Compare: o.Compare, Watch: o.Watch, Catalog: o.Catalog, Box: app.BoxSampler(), Viewers: o.Viewers})
}
