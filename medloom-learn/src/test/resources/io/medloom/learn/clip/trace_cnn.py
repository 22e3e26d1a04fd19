"""Traces a MedLoom 'cnn' image tower (3x3 conv without bias, batch norm, ReLU, 2x2 max-pool per
width; global average pool; flatten) and writes a fixed input batch and the module's output on it
in training mode (batch statistics), as little-endian float32 files."""
import sys
import torch
import torch.nn as nn

out, channels, size, widths = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), [int(w) for w in sys.argv[4].split(",")]
torch.manual_seed(3)
layers, c = [], channels
for w in widths:
    layers += [nn.Conv2d(c, w, 3, 1, 1, bias=False), nn.BatchNorm2d(w), nn.ReLU(), nn.MaxPool2d(2, 2)]
    c = w
layers += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
net = nn.Sequential(*layers)
with torch.no_grad():
    for m in net.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.uniform_(0.5, 1.5)
            m.bias.uniform_(-0.5, 0.5)
x = torch.randn(4, channels, size, size, generator=torch.Generator().manual_seed(5))
net.train()
traced = torch.jit.trace(net, x)
traced.save(f"{out}/tower.pt")
with torch.no_grad():
    y = net(x)
x.numpy().astype("<f4").tofile(f"{out}/input.f32")
y.numpy().astype("<f4").tofile(f"{out}/output.f32")
print(len(list(net.parameters())), len(list(net.buffers())), tuple(y.shape))
