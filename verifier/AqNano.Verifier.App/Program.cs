using AqNano.Verifier.App.Cli;

return await AqNanoCli.Create().Parse(args).InvokeAsync();
