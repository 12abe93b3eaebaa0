namespace AqNano.Simulator.Network;

/// <summary>The hook through which tests/ plug the verifier into the in-memory broker's publish
/// path (DESIGN.md "Ownership (embedded broker)": the verifier judges each obs frame before it is
/// acknowledged). The simulator defines the hook; it never references the verifier.</summary>
public interface IPublishInterceptor
{
    PublishDecision Intercept(InterceptedPublish publish);
}
