using System.CommandLine;
using AqNano.Fuzz.Targets;

namespace AqNano.Fuzz.Commands;

/// <summary>The --target option every verb shares.</summary>
internal static class TargetOption
{
    public static Option<string> Create()
    {
        var option = new Option<string>("--target") { Description = "What to fuzz: " + string.Join(", ", TargetCatalog.Names), DefaultValueFactory = _ => "parser" };
        option.AcceptOnlyFromAmong(TargetCatalog.Names);
        return option;
    }
}
