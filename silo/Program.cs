using Actors.Silo;
using Microsoft.Extensions.Options;

try
{
    var app = SiloHost.Build(args);
    await app.RunAsync();
    return 0;
}
catch (Exception e) when (e is SiloConfigurationException or OptionsValidationException)
{
    await Console.Error.WriteLineAsync($"The silo cannot start: {e.Message}");
    return 1;
}
