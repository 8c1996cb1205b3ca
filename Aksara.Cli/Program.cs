using Aksara.Cli;

return await AksaraCli.RunAsync(args, Console.Out, Console.Error);
