"""The peer of TrainStepBench: torchvision's resnet18 (conv1 made 1-channel, 10 classes), batch B
of 1xSxS, forward + cross-entropy + backward + Adam step. Prints "steps median_seconds min_seconds"."""
import sys
import time

import torch
import torchvision

batch, size, warmup, steps = (int(v) for v in sys.argv[1:5])
torch.set_num_threads(int(sys.argv[5]) if len(sys.argv) > 5 else 2)
torch.manual_seed(1)
model = torchvision.models.resnet18(num_classes=10)
model.conv1 = torch.nn.Conv2d(1, 64, 7, 2, 3, bias=False)
model.train()
opt = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = torch.nn.CrossEntropyLoss()
x = torch.randn(batch, 1, size, size)
y = torch.randint(0, 10, (batch,))
secs = []
for i in range(warmup + steps):
    t0 = time.perf_counter()
    opt.zero_grad(set_to_none=False)
    loss = loss_fn(model(x), y)
    loss.backward()
    opt.step()
    loss.item()
    if i >= warmup:
        secs.append(time.perf_counter() - t0)
secs.sort()
print(steps, secs[len(secs) // 2], secs[0])
