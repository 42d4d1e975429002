;; The keyword prefilter's DFA loop (see prefilter.ts), in WebAssembly because the loop is bound by the latency
;; of one table lookup per character: here it runs two halves of the text in lockstep, so two independent
;; lookups overlap, which V8 does not manage to do with the same loop in JavaScript.
;; Assembled into prefilter-wasm.ts by `npm run build:wasm`.
;;
;; Memory (set up by prefilter.ts): the transition table at 0, entries = target state × 512 (the byte offset of its
;; row of 128 i32) with the sign bit set when a keyword ends there; each state's group mask at $masks + state × 4;
;; each half's output (3 i32 per candidate line: offset just past its first keyword, offset of its end, mask of
;; all its keywords) at $outA / $outB, room for $capacity lines each; the text's symbols wherever the caller says.
;; After a newline the automaton is always in state 0 (no keyword holds one), so a half may start at any line.
(module
  (memory (export "memory") 1)
  (global $masks (export "masks") (mut i32) (i32.const 0))
  (global $outA (export "outA") (mut i32) (i32.const 0))
  (global $outB (export "outB") (mut i32) (i32.const 0))
  (global $capacity (export "capacity") (mut i32) (i32.const 0))
  ;; where the text's symbols start: output offsets are relative to it
  (global $base (export "base") (mut i32) (i32.const 0))
  ;; the two halves [pa, ea) and [pb, eb), their states and output counts; `run` resumes from them
  (global $pa (export "pa") (mut i32) (i32.const 0))
  (global $ea (export "ea") (mut i32) (i32.const 0))
  (global $pb (export "pb") (mut i32) (i32.const 0))
  (global $eb (export "eb") (mut i32) (i32.const 0))
  (global $sa (mut i32) (i32.const 0))
  (global $sb (mut i32) (i32.const 0))
  (global $countA (export "countA") (mut i32) (i32.const 0))
  (global $countB (export "countB") (mut i32) (i32.const 0))

  ;; Starts a scan of the halves [pa, ea) and [pb, eb) of the text at `base`.
  (func (export "start") (param $base i32) (param $pa i32) (param $ea i32) (param $pb i32) (param $eb i32)
    (global.set $base (local.get $base))
    (global.set $pa (local.get $pa))
    (global.set $ea (local.get $ea))
    (global.set $pb (local.get $pb))
    (global.set $eb (local.get $eb))
    (global.set $sa (i32.const 0))
    (global.set $sb (i32.const 0))
    (global.set $countA (i32.const 0))
    (global.set $countB (i32.const 0)))

  ;; A keyword ended at p (state s, sign bit set): reads the rest of its line, ORing the masks of the keywords
  ;; found there, and writes the line's entry at `out`. Returns where the next line starts (or `end`).
  (func $finishLine (param $p i32) (param $end i32) (param $s i32) (param $out i32) (result i32)
    (local $mask i32)
    (local $c i32)
    (i32.store (local.get $out) (i32.sub (local.get $p) (global.get $base)))
    (local.set $s (i32.and (local.get $s) (i32.const 0x7fffffff)))
    (local.set $mask (i32.load (i32.add (global.get $masks) (i32.shr_u (local.get $s) (i32.const 7)))))
    (block $lineEnd
      (loop $char
        (br_if $lineEnd (i32.ge_u (local.get $p) (local.get $end)))
        (local.set $c (i32.load8_u (local.get $p)))
        (br_if $lineEnd (i32.eq (local.get $c) (i32.const 10)))
        (local.set $s (i32.load (i32.add (local.get $s) (i32.shl (local.get $c) (i32.const 2)))))
        (if (i32.lt_s (local.get $s) (i32.const 0))
          (then
            (local.set $s (i32.and (local.get $s) (i32.const 0x7fffffff)))
            (local.set $mask
              (i32.or (local.get $mask)
                (i32.load (i32.add (global.get $masks) (i32.shr_u (local.get $s) (i32.const 7))))))))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $char)))
    (i32.store offset=4 (local.get $out) (i32.sub (local.get $p) (global.get $base)))
    (i32.store offset=8 (local.get $out) (local.get $mask))
    (select (local.get $end) (i32.add (local.get $p) (i32.const 1)) (i32.ge_u (local.get $p) (local.get $end))))

  ;; Scans until both halves are done (returns 0) or one half's output is full (returns 1: read the outputs,
  ;; then call again).
  (func (export "run") (result i32)
    (local $pa i32) (local $ea i32) (local $sa i32) (local $ca i32)
    (local $pb i32) (local $eb i32) (local $sb i32) (local $cb i32)
    (local.set $pa (global.get $pa))
    (local.set $ea (global.get $ea))
    (local.set $sa (global.get $sa))
    (local.set $pb (global.get $pb))
    (local.set $eb (global.get $eb))
    (local.set $sb (global.get $sb))
    (local.set $ca (i32.const 0))
    (local.set $cb (i32.const 0))
    (block $full
      ;; both halves in lockstep while both have text left
      (block $oneLeft
        (loop $step
          (br_if $oneLeft (i32.ge_u (local.get $pa) (local.get $ea)))
          (br_if $oneLeft (i32.ge_u (local.get $pb) (local.get $eb)))
          (local.set $sa (i32.load (i32.add (local.get $sa) (i32.shl (i32.load8_u (local.get $pa)) (i32.const 2)))))
          (local.set $sb (i32.load (i32.add (local.get $sb) (i32.shl (i32.load8_u (local.get $pb)) (i32.const 2)))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 1)))
          (local.set $pb (i32.add (local.get $pb) (i32.const 1)))
          (br_if $step (i32.ge_s (i32.or (local.get $sa) (local.get $sb)) (i32.const 0)))
          (if (i32.lt_s (local.get $sa) (i32.const 0))
            (then
              (local.set $pa (call $finishLine (local.get $pa) (local.get $ea) (local.get $sa)
                (i32.add (global.get $outA) (i32.mul (local.get $ca) (i32.const 12)))))
              (local.set $sa (i32.const 0))
              (local.set $ca (i32.add (local.get $ca) (i32.const 1)))))
          (if (i32.lt_s (local.get $sb) (i32.const 0))
            (then
              (local.set $pb (call $finishLine (local.get $pb) (local.get $eb) (local.get $sb)
                (i32.add (global.get $outB) (i32.mul (local.get $cb) (i32.const 12)))))
              (local.set $sb (i32.const 0))
              (local.set $cb (i32.add (local.get $cb) (i32.const 1)))))
          (br_if $full (i32.ge_u (local.get $ca) (global.get $capacity)))
          (br_if $full (i32.ge_u (local.get $cb) (global.get $capacity)))
          (br $step)))
      ;; then whichever half is left, alone (at most one of these loops runs)
      (block $aDone
        (loop $stepA
          (br_if $aDone (i32.ge_u (local.get $pa) (local.get $ea)))
          (local.set $sa (i32.load (i32.add (local.get $sa) (i32.shl (i32.load8_u (local.get $pa)) (i32.const 2)))))
          (local.set $pa (i32.add (local.get $pa) (i32.const 1)))
          (br_if $stepA (i32.ge_s (local.get $sa) (i32.const 0)))
          (local.set $pa (call $finishLine (local.get $pa) (local.get $ea) (local.get $sa)
            (i32.add (global.get $outA) (i32.mul (local.get $ca) (i32.const 12)))))
          (local.set $sa (i32.const 0))
          (local.set $ca (i32.add (local.get $ca) (i32.const 1)))
          (br_if $full (i32.ge_u (local.get $ca) (global.get $capacity)))
          (br $stepA)))
      (block $bDone
        (loop $stepB
          (br_if $bDone (i32.ge_u (local.get $pb) (local.get $eb)))
          (local.set $sb (i32.load (i32.add (local.get $sb) (i32.shl (i32.load8_u (local.get $pb)) (i32.const 2)))))
          (local.set $pb (i32.add (local.get $pb) (i32.const 1)))
          (br_if $stepB (i32.ge_s (local.get $sb) (i32.const 0)))
          (local.set $pb (call $finishLine (local.get $pb) (local.get $eb) (local.get $sb)
            (i32.add (global.get $outB) (i32.mul (local.get $cb) (i32.const 12)))))
          (local.set $sb (i32.const 0))
          (local.set $cb (i32.add (local.get $cb) (i32.const 1)))
          (br_if $full (i32.ge_u (local.get $cb) (global.get $capacity)))
          (br $stepB)))
      (global.set $countA (local.get $ca))
      (global.set $countB (local.get $cb))
      (return (i32.const 0)))
    ;; an output is full: keep where each half is, for the next call
    (global.set $pa (local.get $pa))
    (global.set $sa (local.get $sa))
    (global.set $pb (local.get $pb))
    (global.set $sb (local.get $sb))
    (global.set $countA (local.get $ca))
    (global.set $countB (local.get $cb))
    (i32.const 1)))
