using AqNano.Simulator.Network;
using AqNano.Verifier;

namespace AqNano.EndToEnd.Tests.Harness;

/// <summary>One obs publish as the broker received it and what the verifier made of it, in arrival order.</summary>
/// <param name="Index">Position among all obs publishes judged in the run, from 0.</param>
public sealed record JudgedPublish(long Index, InterceptedPublish Publish, Judgement Judgement)
{
    public string Connection => Publish.ConnectionLabel;
}
