using System.Threading;
using AqNano.Boards;
using AqNano.Firmware.Adapters;
using AqNano.Firmware.Core.Agent;

namespace AqNano.Firmware
{
    /// <summary>Entry point: the board profile nf.props selected, the deploy-time settings, then the
    /// loop. Wiring only; every decision is in firmware/AqNano.Firmware.Core.</summary>
    public static class Program
    {
        public static void Main()
        {
            BoardProfile board = BoardPorts.SelectedBoard();
            DebugAndLedStatus status = new DebugAndLedStatus(board.StatusLedPin);
            status.Report("AqNano on " + board.Name + " (" + board.NanoffTarget + ")");
            DeviceSettings settings = SettingsLoader.Load(BoardPorts.SettingsPath(), status);
            new DeviceHost(board, settings, status).Run();
            Thread.Sleep(Timeout.Infinite);
        }
    }
}
