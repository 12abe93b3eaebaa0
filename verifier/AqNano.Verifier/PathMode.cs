namespace AqNano.Verifier;

/// <summary>How a frame reached the broker (DESIGN.md "What the chain proves, and to whom"):
/// only on a confidential path (TLS, CA pinned, only the verifier reads obs) does a second valid
/// frame for a seq prove a clone; on an open path anyone may have read the reveal.</summary>
public enum PathMode
{
    Open = 0,
    Confidential = 1,
}
