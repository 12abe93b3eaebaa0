using AqNano.Verifier.Chains;
using AqNano.Verifier.Policy;

namespace AqNano.Verifier.Evidence;

/// <summary>The behaviour-shift rule for proxied devices (docs/VERIFIER.md "Proxied devices"). A gateway's frames
/// carry what it measured of a plain device (ADOPTION.md "Gateway-mediated retrofit" "Feature slots"); a sensor swapped for another unit
/// shows as windows far from the device's running statistics (the same test as <see cref="FeatureStatistics"/>:
/// FeatureSigma deviations after FeatureMinSamples windows). Unlike a board's own features, a shifted window is kept
/// OUT of the history, so that a persistent shift stays visible instead of widening the statistics until it fits:
///   1st shifted window  -> BehaviourShift: monitored, with an incident;
///   2nd in a row        -> BehaviourShiftRepeated: still monitored;
///   3rd in a row        -> confirmed: a different unit. The history is dropped and relearnt from this window, the
///                          continuity depth restarts at 0 (a new unit is young) and ShiftRelearning holds the device
///                          restricted, reason BehaviourShift, until it deepens to the zone's linksForFull again;
///   a window back inside the statistics before the third clears the suspicion (a transient) and is added.
/// Features may lower trust, never raise it (DESIGN.md "Evidence"): the rule only ever caps.</summary>
public static class BehaviourShiftRule
{
    public const int WindowsToConfirm = 3;

    public static void Judge(DeviceState s, ushort featureMask, int[] wireValues, EvidenceThresholds thresholds, ZonePolicy zone, ChainOutcome o)
    {
        int anomaly = FeatureStatistics.Check(s, featureMask, wireValues, thresholds, zone.Profile, out bool outside);
        s.Set(StandingFlags.ContextViolation, outside);
        s.Set(StandingFlags.FeatureAnomaly, false);
        if (anomaly < 0 || outside)
        {
            if (anomaly >= 0) o.Notes.Add($"{FeatureStatistics.Names[anomaly]} outside the profile");
            FeatureStatistics.AddAll(s, featureMask, wireValues);
            if (s.Has(StandingFlags.BehaviourShift)) o.Notes.Add("behaviour back within its statistics: the shift was transient");
            s.Set(StandingFlags.BehaviourShift | StandingFlags.BehaviourShiftRepeated, false);
            if (s.Has(StandingFlags.ShiftRelearning) && s.ContinuityDepth + 1 >= zone.LinksForFull) s.Set(StandingFlags.ShiftRelearning, false);
            return;
        }
        string what = FeatureStatistics.Names[anomaly] + " (slot " + anomaly + ")";
        if (!s.Has(StandingFlags.BehaviourShift))
        {
            s.Set(StandingFlags.BehaviourShift, true);
            if (s.Incidents < ushort.MaxValue) s.Incidents++;
            o.Incidents.Add(new Incident("behaviour-shift", $"seq {s.LastSeq}: {what} left the proxied device's running statistics: monitored"));
            o.Notes.Add($"behaviour shift: {what} far from history");
            return;
        }
        if (!s.Has(StandingFlags.BehaviourShiftRepeated))
        {
            s.Set(StandingFlags.BehaviourShiftRepeated, true);
            o.Notes.Add($"behaviour shift again: {what}");
            return;
        }
        FeatureStatistics.Forget(s);
        FeatureStatistics.AddAll(s, featureMask, wireValues);
        s.Set(StandingFlags.BehaviourShift | StandingFlags.BehaviourShiftRepeated, false);
        s.Set(StandingFlags.ShiftRelearning, true);
        s.ContinuityDepth = 0;
        o.Incidents.Add(new Incident("behaviour-shift-confirmed",
            $"seq {s.LastSeq}: {WindowsToConfirm} windows in a row off the statistics: another unit behind the gateway; relearning, restricted until it deepens again"));
        o.Notes.Add("behaviour shift confirmed: relearning as a new unit");
    }
}
