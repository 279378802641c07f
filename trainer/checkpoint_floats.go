package trainer

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"reflect"
	"strings"

	"github.com/vaetop/vaetop/live"
)

// encoding/json refuses NaN and ±Inf, yet a run can hold them in its figures
// (a test loss can overflow). The functions here encode flat structs (fields
// of basic types, json tags without options) exactly as encoding/json does,
// except for non-finite floats, so that writing never fails on them.

// nonFiniteStyle says how a NaN or ±Inf float field is written.
type nonFiniteStyle int

const (
	// nonFiniteAsText writes "NaN", "+Inf" or "-Inf", which unmarshalFlat
	// reads back: checkpoints round-trip every value.
	nonFiniteAsText nonFiniteStyle = iota
	// nonFiniteAsNull writes null, what JSON tools take for a missing
	// number: the metrics file stays plain numbers for every reader.
	nonFiniteAsNull
)

// marshalFlat encodes the struct v as encoding/json would (same keys, order
// and number format), writing non-finite floats in style.
func marshalFlat(v any, style nonFiniteStyle) ([]byte, error) {
	rv := reflect.ValueOf(v)
	var b bytes.Buffer
	b.WriteByte('{')
	for i, f := range flatFields(rv.Type()) {
		if i > 0 {
			b.WriteByte(',')
		}
		key, _ := json.Marshal(f.name)
		b.Write(key)
		b.WriteByte(':')
		fv := rv.Field(f.index)
		if isFloat(fv) && !live.Finite(fv.Float()) {
			b.WriteString(nonFiniteJSON(fv.Float(), style))
			continue
		}
		enc, err := json.Marshal(fv.Interface())
		if err != nil {
			return nil, fmt.Errorf("%s: %v", f.name, err)
		}
		b.Write(enc)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// unmarshalFlat decodes data into the struct *p, accepting "NaN", "+Inf" and
// "-Inf" for float fields. Keys match exactly; unknown keys are ignored.
// Errors name the field as path.key.
func unmarshalFlat(data []byte, p any, path string) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return fmt.Errorf("%s: not a JSON object", path)
	}
	rv := reflect.ValueOf(p).Elem()
	for _, f := range flatFields(rv.Type()) {
		msg, ok := raw[f.name]
		if !ok {
			continue
		}
		fv, name := rv.Field(f.index), path+"."+f.name
		if isFloat(fv) && len(msg) > 0 && msg[0] == '"' {
			var s string
			if err := json.Unmarshal(msg, &s); err != nil {
				return fmt.Errorf("%s: %v", name, err)
			}
			x, ok := parseNonFinite(s)
			if !ok {
				return fmt.Errorf("%s: %q is not a number", name, s)
			}
			fv.SetFloat(x)
			continue
		}
		if err := json.Unmarshal(msg, fv.Addr().Interface()); err != nil {
			var te *json.UnmarshalTypeError
			if errors.As(err, &te) {
				return typeError(name, te)
			}
			return fmt.Errorf("%s: %v", name, err)
		}
	}
	return nil
}

type flatField struct {
	name  string
	index int
}

// flatFields lists the fields encoding/json would encode, with their keys.
func flatFields(t reflect.Type) []flatField {
	var out []flatField
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if name == "" {
			name = f.Name
		}
		out = append(out, flatField{name, i})
	}
	return out
}

func isFloat(v reflect.Value) bool {
	k := v.Kind()
	return k == reflect.Float64 || k == reflect.Float32
}

func nonFiniteJSON(x float64, style nonFiniteStyle) string {
	switch {
	case style == nonFiniteAsNull:
		return "null"
	case math.IsNaN(x):
		return `"NaN"`
	case x > 0:
		return `"+Inf"`
	default:
		return `"-Inf"`
	}
}

func parseNonFinite(s string) (float64, bool) {
	switch s {
	case "NaN":
		return math.NaN(), true
	case "+Inf":
		return math.Inf(1), true
	case "-Inf":
		return math.Inf(-1), true
	}
	return 0, false
}
