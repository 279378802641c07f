package format

import "testing"

func TestCSV(t *testing.T) {
	tests := []struct {
		name  string
		lines []string
		want  []string
	}{
		{"lightning sorted union, empty cells", []string{
			"epoch,step,train_loss,val_loss",
			"0,49,0.5,",
			"0,99,,0.7",
			"0,,0.4,",
			",,0.3,",
			"1,149,0.2,0.6",
		}, []string{"-", "49 train_loss=0.5", "99 val_loss=0.7", "0 train_loss=0.4", "4 train_loss=0.3", "149 train_loss=0.2 val_loss=0.6"}},
		{"keras NA and CRLF", []string{
			"epoch,loss,val_loss\r",
			"0,0.5,NA\r",
			"1,0.4,0.45\r",
			"2,NA,NA\r",
			"3,nan,0.1\r",
		}, []string{"-", "0 loss=0.5", "1 loss=0.4 val_loss=0.45", "2", "3 loss=NaN val_loss=0.1"}},
		{"iteration column", []string{"lr,iteration,loss", "0.1,10,2", "0.1,20,1.5"},
			[]string{"-", "10 lr=0.1 loss=2", "20 lr=0.1 loss=1.5"}},
		{"no step column: row numbers", []string{"loss,acc", "1,0.5", "", ",", "2,0.6", "x,y", "3,"},
			[]string{"-", "1 loss=1 acc=0.5", "-", "-", "2 loss=2 acc=0.6", "-", "3 loss=3"}},
		{"quoted fields", []string{
			`"name, with comma",loss,"say ""hi""", "spaced" `,
			`"1.5",2,"3"," 4 "`,
			`"a,b",1,"""",4`,
		}, []string{"-", `1 name, with comma=1.5 loss=2 say "hi"=3 spaced=4`, `2 loss=1 spaced=4`}},
		{"number words", []string{
			"a,b,c,d,e,f,g,h,i,j",
			"nan,NaN,inf,-inf,Inf,-Inf,Infinity,-Infinity,INFINITY,+1e3",
		}, []string{"-", "1 a=NaN b=NaN c=+Inf d=-Inf e=+Inf f=-Inf g=+Inf h=-Inf i=+Inf j=1000"}},
		{"not numbers are missing", []string{"a,b,c,d,e,f", "NA,x,1.2.3,-nan,1e400,  "}, []string{"-", "-"}},
		{"spaces around cells and names", []string{" step , loss ", " 5 , 1.5 "}, []string{"-", "5 loss=1.5"}},
		{"BOM", []string{"\ufeffepoch,loss", "1,2"}, []string{"-", "1 loss=2"}},
		{"header again mid-stream", []string{"step,loss", "1,2", "step,loss", "2,3"}, []string{"-", "1 loss=2", "-", "2 loss=3"}},
		{"a header of step columns only", []string{"epoch,step", "1,10", "2,"}, []string{"-", "10", "2"}},
		{"repeated name", []string{"a,a,b", "1,2,3"}, []string{"-", "1 a=2 b=3"}},
		{"empty name is no series", []string{"a,,b", "1,2,3"}, []string{"-", "1 a=1 b=3"}},
		{"one column", []string{"loss", "1", "", "2"}, []string{"-", "1 loss=1", "-", "2 loss=2"}},
		{"malformed", []string{
			"step,loss", "1", "1,2,3", "1,2,", `"1,2`, `"1"x,2`, `1,"2`, "3,4",
		}, []string{"-", "error", "error", "error", "error", "error", "error", "3 loss=4"}},
		{"malformed header: the next line is tried", []string{`"step,loss`, "step,loss", "1,2"},
			[]string{"error", "-", "1 loss=2"}},
	}
	for _, tt := range tests {
		for _, k := range []Kind{CSV, Lightning, Keras} {
			t.Run(tt.name+"/"+k.String(), func(t *testing.T) {
				if d := same(results(k, tt.lines...), tt.want); d != "" {
					t.Error(d)
				}
			})
		}
	}
}
