"""Rebuild the README's example (needs the extra): python assets/digits/make.py

Trains model.py:mlp on 500 of scikit-learn's bundled digits for 20 epochs, saving epochs 5, 10, 15, 20 as
state_dicts (the training path for --plane pca), the data as digits.npz (X, y) and the final model as a torch.export
program mlp.pt2 (with a dynamic batch dimension)."""
from pathlib import Path

import numpy as np
import torch
from sklearn.datasets import load_digits

from model import mlp

HERE = Path(__file__).resolve().parent

if __name__ == "__main__":
    torch.manual_seed(0)
    d = load_digits()
    X, y = (d.data[:500] / 16.0).astype(np.float32), d.target[:500].astype(np.int64)
    np.savez_compressed(HERE / "digits.npz", X=X, y=y)
    model = mlp()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    for epoch in range(1, 21):
        for i in range(0, len(Xt), 50):
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(Xt[i:i + 50]), yt[i:i + 50]).backward()
            opt.step()
        if epoch % 5 == 0:
            torch.save(model.state_dict(), HERE / f"epoch{epoch:02d}.pt")
    program = torch.export.export(model.eval(), (Xt[:4],), dynamic_shapes=({0: torch.export.Dim("batch")},))
    torch.export.save(program, HERE / "mlp.pt2")
