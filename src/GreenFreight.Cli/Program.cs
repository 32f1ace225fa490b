return await GreenFreight.Cli.CliApp.RunAsync(args, Console.Out, Console.Error);
