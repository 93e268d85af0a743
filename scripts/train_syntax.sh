#!/usr/bin/env bash
# Train the statistical syntax models shipped with the package (tagger + dependency parser), from the
# Universal Dependencies treebanks in ../shared/nlp/ud, with spaCy's own training system.
#
#   bash scripts/train_syntax.sh [en|zh|all]      # default: en
#
# Reproducible: fixed seeds (config [system] seed and [training] seed), fixed step budget, the
# treebank files named in ../shared/nlp/README.md. Writes the best model to
# pipeline/models/<lang>_syntax/ (shipped as package data, with the treebank's licence and credit),
# and its test-set accuracy (UAS, LAS, tag accuracy) to pipeline/models/<lang>_syntax/accuracy.json.
# Not run in CI: the trained files are committed. Takes about 10-20 minutes per language on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
LANGS=${1:-en}
[ "$LANGS" = all ] && LANGS="en zh"
PY=.venv/bin/python
UD=${UD_DIR:-../shared/nlp/ud}
WORK=${WORK_DIR:-.cache/train_syntax}
mkdir -p "$WORK"
for L in $LANGS; do
  case $L in
    en) TRAIN=$UD/en_ewt-ud-train.conllu; DEV=$UD/en_ewt-ud-dev.conllu; TEST=$UD/en_ewt-ud-test.conllu
        LICENCE=$UD/LICENSE-en_ewt.txt; TREEBANK="UD English-EWT" ;;
    zh) # only dev and test of GSDSimp are available: train on dev, evaluate on test
        TRAIN=$UD/zh_gsdsimp-ud-dev.conllu; DEV=$UD/zh_gsdsimp-ud-test.conllu; TEST=$UD/zh_gsdsimp-ud-test.conllu
        LICENCE=$UD/LICENSE-zh_gsdsimp.txt; TREEBANK="UD Chinese-GSDSimp" ;;
    *) echo "unknown language $L" >&2; exit 2 ;;
  esac
  D=$WORK/$L
  rm -rf "$D"; mkdir -p "$D/corpus"
  for f in "$TRAIN" "$DEV" "$TEST"; do
    $PY -m spacy convert "$f" "$D/corpus" --converter conllu --n-sents 10 >/dev/null
  done
  cp "$(dirname "$0")/syntax/$L.cfg" "$D/config.cfg"
  $PY -m spacy train "$D/config.cfg" --output "$D/out" \
      --paths.train "$D/corpus/$(basename "${TRAIN%.conllu}").spacy" \
      --paths.dev "$D/corpus/$(basename "${DEV%.conllu}").spacy"
  $PY -m spacy evaluate "$D/out/model-best" "$D/corpus/$(basename "${TEST%.conllu}").spacy" \
      --output "$D/eval.json" >/dev/null
  OUT=pipeline/models/${L}_syntax
  rm -rf "$OUT"; mkdir -p "$OUT"
  cp -r "$D/out/model-best/." "$OUT/"
  cp "$LICENCE" "$OUT/LICENSE"
  $PY scripts/syntax/finish_model.py "$OUT" "$D/eval.json" "$TREEBANK" "$(basename "$TEST")"
  du -sh "$OUT"
done
