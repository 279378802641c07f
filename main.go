// Command vaetop trains a variational autoencoder on MNIST and lets you
// watch and steer it live in the terminal. See README.md.
package main

import (
	"os"

	"github.com/vaetop/vaetop/app"
	"github.com/vaetop/vaetop/tui"
)

func main() {
	app.Dashboard = tui.Run
	os.Exit(app.Main(os.Args[1:], os.Stdout, os.Stderr))
}
