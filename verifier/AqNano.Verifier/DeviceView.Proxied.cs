namespace AqNano.Verifier;

public sealed partial record DeviceView
{
    /// <summary>For a proxied device, the id of the registered gateway that carries its chain (16 hex); else null.</summary>
    public string? Gateway { get; init; }
}
