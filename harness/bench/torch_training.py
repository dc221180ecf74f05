"""PyTorch side of `ktrdr-train bench --suite training --with-torch` (harness/bench/torch-reference.ts).

Run with Debian's python3 (python3-torch, CPU). Reads one JSON command per line on stdin, answers one JSON
line on stdout, so the Node side can interleave its passes with ours:

  {"cmd": "hello"}                      -> {"torch": version, "threads": n}
  {"cmd": "setup", "input": 12, "hidden": [50, 25], "embedding": 0, "symbols": 3, "dropout": 0.2,
   "batch": 32, "samples": 5000, "lr": 0.001}
                                        -> {"ok": true}   (builds data and model, trains one warm-up pass)
  {"cmd": "pass"}                       -> {"seconds": wall, "cpu_seconds": process CPU time}
  {"cmd": "quit"}

The model is the one the suite trains: Linear -> ReLU -> Dropout per hidden layer, then Linear(., 3) on
logits, with an optional symbol embedding concatenated after the features; nn.CrossEntropyLoss (mean), Adam,
one pass = every batch of the data in order (batches are slices of one tensor). The thread count is set
once (argv[1]) with torch.set_num_threads.
"""
import json
import sys
import time

import torch
from torch import nn


class SuiteNet(nn.Module):
    def __init__(self, inputs, hidden, embedding, symbols, dropout):
        super().__init__()
        self.embedding = nn.Embedding(symbols, embedding) if embedding > 0 else None
        layers, width = [], inputs + embedding
        for h in hidden:
            layers += [nn.Linear(width, h), nn.ReLU(), nn.Dropout(dropout)]
            width = h
        layers.append(nn.Linear(width, 3))
        self.body = nn.Sequential(*layers)

    def forward(self, x, symbols):
        if self.embedding is not None:
            x = torch.cat([x, self.embedding(symbols)], dim=1)
        return self.body(x)


def main():
    threads = int(sys.argv[1])
    torch.set_num_threads(threads)
    torch.manual_seed(1)
    state = {}

    def one_pass():
        model, opt, loss_fn = state["model"], state["opt"], state["loss"]
        x, y, s, batch = state["x"], state["y"], state["s"], state["batch"]
        model.train()
        for start in range(0, x.shape[0], batch):
            opt.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[start : start + batch], s[start : start + batch]), y[start : start + batch])
            loss.backward()
            opt.step()

    for line in sys.stdin:
        cmd = json.loads(line)
        kind = cmd["cmd"]
        if kind == "hello":
            reply = {"torch": torch.__version__, "threads": torch.get_num_threads()}
        elif kind == "setup":
            g = torch.Generator().manual_seed(42)
            n = cmd["samples"]
            state["x"] = torch.rand(n, cmd["input"], generator=g) * 2 - 1
            state["y"] = torch.randint(0, 3, (n,), generator=g)
            state["s"] = torch.randint(0, cmd["symbols"], (n,), generator=g)
            state["batch"] = cmd["batch"]
            model = SuiteNet(cmd["input"], cmd["hidden"], cmd["embedding"], cmd["symbols"], cmd["dropout"])
            state["model"] = model
            state["opt"] = torch.optim.Adam(model.parameters(), lr=cmd["lr"])
            state["loss"] = nn.CrossEntropyLoss()
            one_pass()
            reply = {"ok": True}
        elif kind == "pass":
            wall, cpu = time.perf_counter(), time.process_time()
            one_pass()
            reply = {"seconds": time.perf_counter() - wall, "cpu_seconds": time.process_time() - cpu}
        elif kind == "quit":
            return
        else:
            reply = {"error": f"unknown command {kind!r}"}
        sys.stdout.write(json.dumps(reply) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
