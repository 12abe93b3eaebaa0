using System.Collections.Concurrent;
using AqNano.Protocol;

namespace AqNano.Verifier.App.Cli;

/// <summary>The demo's terminal view: one line when a device first appears, whenever its mode or
/// reason changes, and the first conflict, fork or contention of each device (a live fork goes on
/// every interval; the dashboard's feed has every line).</summary>
public sealed class DecisionPrinter(TextWriter output, bool colour)
{
    private readonly ConcurrentDictionary<ulong, (DecisionMode Mode, byte Reason)> _last = new();
    private readonly ConcurrentDictionary<(ulong, Verdict), bool> _alerted = new();
    private readonly object _gate = new();

    public void OnJudged(Judgement judgement)
    {
        bool alert = Dashboard.JsonViews.IsAlert(judgement) && _alerted.TryAdd((judgement.DeviceId, judgement.Verdict), true);
        var now = (judgement.Mode, judgement.Reason);
        bool changed = !_last.TryGetValue(judgement.DeviceId, out var before) || before != now;
        if (judgement.Verdict == Verdict.Malformed || (!changed && !alert)) return;
        _last[judgement.DeviceId] = now;
        string line = $"{DateTime.Now:HH:mm:ss} {Hex.FromWire(judgement.DeviceId)} #{judgement.Seq,-4} {judgement.Verdict,-9} -> " +
                      $"{judgement.Mode,-15} {ReasonNames.Of(judgement.Reason),-18} {judgement.Explanation}";
        lock (_gate)
        {
            output.WriteLine(colour ? $"\u001b[{Colour(judgement.Mode, alert)}m{line}\u001b[0m" : (alert ? "ALERT " : "") + line);
        }
    }

    private static string Colour(DecisionMode mode, bool alert) => alert ? "1;31" : mode switch
    {
        DecisionMode.AdmitFull => "32",
        DecisionMode.AdmitRestricted => "36",
        DecisionMode.AdmitMonitored => "33",
        DecisionMode.Deferred => "37",
        _ => "31",
    };
}
