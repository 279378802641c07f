package mnist

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
)

// officialMD5 holds the MD5 sums of the four gzip files published with MNIST
// (the same bytes are in the GoMNIST module and on the mirrors).
var officialMD5 = map[string]string{
	TrainImagesFile + ".gz": "f68b3c2dcbeaaa9fbdd348bbdeb94873",
	TrainLabelsFile + ".gz": "d53e105ee54ea40749a09fcbcd1e9432",
	TestImagesFile + ".gz":  "9fb629c4189551a2d022fa330f9573f3",
	TestLabelsFile + ".gz":  "ec29112dd5afa0611ce80d1b7f02629c",
}

// OfficialMD5 returns the official MD5 (lower-case hex) of one of the four
// MNIST gzip files, named by its base name such as
// "train-images-idx3-ubyte.gz", and whether the name is known.
func OfficialMD5(name string) (sum string, ok bool) {
	sum, ok = officialMD5[name]
	return sum, ok
}

// FileMD5 returns the MD5 (lower-case hex) of the file at path.
func FileMD5(path string) (string, error) {
	return fileMD5(context.Background(), path)
}

// fileMD5 is [FileMD5] stopping with ctx.
func fileMD5(ctx context.Context, path string) (string, error) {
	f, _, err := openRegular(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := md5.New()
	if _, err := io.Copy(h, ctxReader{ctx, f}); err != nil {
		if ctx.Err() != nil {
			return "", cancelled(ctx, path)
		}
		return "", fileError(path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// checkMode says what a checksum mismatch means when loading a directory.
type checkMode int

const (
	checkWarn   checkMode = iota // user-supplied directory: a mismatch is a warning
	checkStrict                  // module cache or download: a mismatch is an error
)

// sumTable maps gzip base names to expected MD5s; nil means officialMD5.
type sumTable map[string]string

func (t sumTable) lookup(name string) (string, bool) {
	if t == nil {
		return OfficialMD5(name)
	}
	sum, ok := t[name]
	return sum, ok
}
