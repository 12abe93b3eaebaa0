using AqNano.Protocol;
using AqNano.Protocol.Frames;

namespace AqNano.Verifier.Tests;

/// <summary>DESIGN.md "Disclosure": no reveal of a frame still in the ring in Detail, explanations or views.</summary>
public class DisclosureTests
{
    [Fact]
    public void NoRevealAppearsInLedgerDetailsExplanationsOrViews()
    {
        var h = new Harness();
        var device = TestDevice.Create(120);
        var frames = new List<byte[]> { device.Genesis() };
        h.Send(device, frames[0]);
        for (int i = 0; i < 8; i++) { frames.Add(device.Next()); h.Send(device, frames[^1], 5000); }
        // A tampered frame and a conflict: the paths that explain the most.
        byte[] tampered = device.Next();
        tampered[FrameLayout.FeaturesOffset] ^= 1;
        frames.Add(tampered);
        h.Send(device, tampered, 5000);
        TestDevice clone = device.Clone(121);
        frames.Add(clone.Next());
        h.Send(clone, frames[^1], 1000, "clone");
        frames.Add(device.Next());
        h.Send(device, frames[^1], 1000);

        int revealOffset = FrameLayout.ChainRevealOffset(device.FeatureMask);
        var reveals = frames.Skip(1).Select(f => Convert.ToHexStringLower(f, revealOffset, 32)).ToList();
        var base64 = frames.Skip(1).Select(f => Convert.ToBase64String(f, revealOffset, 32)).ToList();
        var texts = new List<string>();
        texts.AddRange(h.Ledger.Read().Select(e => e.Detail));
        texts.AddRange(h.Judgements.Select(j => j.Explanation));
        texts.AddRange(h.Verifier.Devices().Select(v => v.ToString()));
        foreach (string text in texts)
        {
            foreach (string reveal in reveals) Assert.DoesNotContain(reveal, text, StringComparison.OrdinalIgnoreCase);
            foreach (string reveal in base64) Assert.DoesNotContain(reveal, text);
        }
        // The raw frames, reveals included, are in LedgerEntry.Frame for the export to withhold.
        Assert.Contains(h.Ledger.Read(), e => e.Frame.Length > 0 && Convert.ToHexStringLower(e.Frame).Contains(reveals[0]));
    }
}
