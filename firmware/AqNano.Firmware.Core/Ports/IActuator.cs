namespace AqNano.Firmware.Core.Ports
{
    /// <summary>Whatever the board switches on command (a relay, a valve). Core hands it the
    /// payload of aq/v1/dev/{id}/app/actuate only while Actuate is granted (DESIGN.md
    /// "Evidence, admission, actuation, lineage").</summary>
    public interface IActuator
    {
        void Execute(byte[] payload, int offset, int length);
    }
}
