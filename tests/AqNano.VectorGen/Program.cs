using AqNano.VectorGen;

// dotnet run --project tests/AqNano.VectorGen -- tests/vectors/aqnano-v1-project.json
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: AqNano.VectorGen <output.json>");
    return 2;
}
File.WriteAllText(args[0], ProjectVectors.Build());
Console.WriteLine($"wrote {args[0]}");
return 0;
