using System.Reflection;

[assembly: AssemblyTitle("AqNano.Firmware")]
[assembly: AssemblyDescription("AqNano device: keyless identity from behavioural continuity")]
[assembly: AssemblyProduct("AqNano")]
[assembly: AssemblyVersion("1.0.0.0")]
