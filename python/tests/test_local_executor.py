"""The task-split run (as Ray would schedule it) equals a single-machine run, byte for byte."""

import json
import os
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from newsmill_ray import StepFailed, refine, step_command  # noqa: E402

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BINARY = os.environ.get("NEWSMILL_BIN", os.path.join(ROOT, "target", "debug", "newsmill"))


def write_inputs(folder):
    words = "river harbour council budget school road storm court museum ferry".split()
    for f in range(3):
        with open(os.path.join(folder, f"part{f}.jsonl"), "w", encoding="utf-8") as out:
            for r in range(5):
                i = f * 5 + r
                topic = words[i % len(words)]
                text = (
                    f"The {topic} plan number {i} was approved on Monday after a long debate. "
                    f"\"We listened to residents about the {topic},\" said councillor Mira Jansen. "
                    "Officials expect work to begin in the autumn and to finish within two years.\n"
                    "Share on Facebook\n"
                )
                out.write(json.dumps({"id": f"d{i}", "text": text}) + "\n")
            out.write(json.dumps({"id": f"copy{f}", "text": text}) + "\n")


@unittest.skipUnless(os.path.exists(BINARY), f"build newsmill first ({BINARY})")
class LocalExecutorTest(unittest.TestCase):
    def test_split_run_matches_single_run(self):
        with tempfile.TemporaryDirectory() as tmp:
            inputs = os.path.join(tmp, "in")
            os.mkdir(inputs)
            write_inputs(inputs)
            stages = ["--stages", "normalize,clean,quality,exact_dedup"]
            single = os.path.join(tmp, "single")
            subprocess.run(
                [BINARY, "refine", inputs, "-o", single, "--tasks", "3", "-q", *stages],
                check=True,
            )
            split = os.path.join(tmp, "split")
            report = refine([inputs], split, tasks=3, executor="local", binary=BINARY,
                            extra_args=stages, workers=2)
            self.assertTrue(report["accounting"]["ok"])
            self.assertEqual(report["accounting"]["records_in"], 18)
            for name in ("articles.jsonl", "rejects.jsonl"):
                with open(os.path.join(single, name), "rb") as a, \
                        open(os.path.join(split, name), "rb") as b:
                    self.assertEqual(a.read(), b.read(), name)

    def test_failed_task_raises_with_its_command(self):
        with tempfile.TemporaryDirectory() as tmp:
            with self.assertRaises(StepFailed) as ctx:
                refine([os.path.join(tmp, "missing")], os.path.join(tmp, "o"), tasks=1,
                       executor="local", binary=BINARY, extra_args=["--stages", "bogus"])
            self.assertIn("--step process", str(ctx.exception))

    def test_command_line_shape(self):
        cmd = step_command("nm", ["a", "b"], "out", 4, "final", 2, ["-j", "1"])
        self.assertEqual(cmd, ["nm", "refine", "a", "b", "-o", "out", "--tasks", "4",
                               "--step", "final", "-q", "--rank", "2", "-j", "1"])


if __name__ == "__main__":
    unittest.main()
