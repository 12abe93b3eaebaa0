namespace AqNano.Verifier.Lineage;

/// <summary>An append failed and wrote nothing: the chain is as it was before the call, and the
/// caller must not acknowledge what it tried to record (DESIGN.md "Lineage": written before the
/// broker acknowledges the frame). Subclasses name the causes an operator can act on.</summary>
public class LedgerWriteException : IOException
{
    public LedgerWriteException(string message, Exception? inner = null) : base(message, inner)
    {
    }
}
