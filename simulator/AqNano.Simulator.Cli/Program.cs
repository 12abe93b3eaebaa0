using System.CommandLine;
using AqNano.Simulator.Cli;

return SimulatorCommand.Build().Parse(args).Invoke();
