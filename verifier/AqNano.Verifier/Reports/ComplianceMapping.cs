namespace AqNano.Verifier.Reports;

/// <summary>What each part of the report is evidence for. Deliberately modest: the report supports
/// these obligations with records; it does not by itself make a product compliant.
/// NIST IR 8425 (Profile of the IoT Core Baseline for Consumer IoT Products, 2022), capability
/// "Cybersecurity State Awareness": the product supports detection of cybersecurity incidents
/// affecting its components and data. Regulation (EU) 2024/2847 (Cyber Resilience Act) Article 14:
/// notify actively exploited vulnerabilities (14(1), content and deadlines 14(2): early warning
/// within 24 h of awareness, notification within 72 h, final report) and severe incidents having
/// an impact on the product's security (14(3), deadlines 14(4)).</summary>
public static class ComplianceMapping
{
    public static readonly string[] Headers = ["Report part", "NIST IR 8425", "EU CRA Article 14"];

    public static readonly IReadOnlyList<IReadOnlyList<string>> Rows =
    [
        ["Identity: device id, epochs seen, first and last seen",
            "Asset identification; state awareness: which unit and which boot the state belongs to",
            "Identifies the product instance concerned in a notification"],
        ["Current mode and grant (latest decision)",
            "Cybersecurity state awareness: whether the device operates as expected or in a degraded state, and what it may do",
            "Immediate mitigation in force, for the early warning (14(2), 14(4))"],
        ["Decision history with reasons",
            "State awareness over time: each change of trust with its one-line cause",
            "Timeline for the notification and final report"],
        ["Incidents: clone, fork, tamper, contention, witness disagreement, divergence",
            "Detection of cybersecurity incidents affecting the device and its data",
            "Time of awareness that starts the 24 h / 72 h clocks for a severe incident (14(3), 14(4)) or an exploited vulnerability (14(1), 14(2))"],
        ["Refusals and replays, counted per reason",
            "Detection of attempted misuse (forged, replayed, malformed input)",
            "Evidence of whether a weakness is being actively exploited (14(1))"],
        ["Grants, revocations, operator actions",
            "Interface access control in effect; response recorded",
            "Corrective or mitigating measures taken, for the final report"],
        ["Ledger verification (hash chain head)",
            "Integrity of the state records themselves",
            "Tamper-evident evidence behind every statement above"],
    ];
}
