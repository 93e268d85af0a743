"""Record a trained syntax model's test accuracy, licence and credit (called by scripts/train_syntax.sh)."""
from __future__ import annotations

import json
import sys
from pathlib import Path


def main(out: str, eval_json: str, treebank: str, test_file: str) -> None:
    out_dir = Path(out)
    ev = json.loads(Path(eval_json).read_text())
    acc = {"treebank": treebank, "test_file": test_file,
           "tag_acc": round(ev.get("tag_acc", 0.0), 4), "uas": round(ev.get("dep_uas", 0.0), 4),
           "las": round(ev.get("dep_las", 0.0), 4), "speed_words_per_s": round(ev.get("speed", 0.0))}
    (out_dir / "accuracy.json").write_text(json.dumps(acc, indent=1) + "\n")
    meta_path = out_dir / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update({
        "name": f"{out_dir.name}", "version": "1.0.0",
        "description": f"Tagger and dependency parser for policy-extract, trained on {treebank} "
                       f"by scripts/train_syntax.sh",
        "license": "CC BY-SA 4.0",
        "sources": [{"name": treebank, "url": "https://universaldependencies.org/",
                     "license": "CC BY-SA 4.0"}],
        "author": "policy-extract",
    })
    meta.pop("performance", None)
    meta_path.write_text(json.dumps(meta, indent=2) + "\n")
    (out_dir / "README.md").write_text(
        f"# {out_dir.name}\n\nA spaCy tagger and dependency parser trained by `scripts/train_syntax.sh` on the "
        f"{treebank} treebank (Universal Dependencies), which is licensed CC BY-SA 4.0; these model files are "
        f"distributed under the same licence (see LICENSE). Test accuracy ({test_file}): tags {acc['tag_acc']}, "
        f"UAS {acc['uas']}, LAS {acc['las']}.\n")


if __name__ == "__main__":
    main(*sys.argv[1:5])
