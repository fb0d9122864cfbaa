using Microsoft.Extensions.Options;

namespace ClientVpnExporter.Security;

/// <summary>
/// Reports what <see cref="WebConfigLoader"/> found wrong with the web configuration file, so that a missing
/// certificate or a plain-text password stops the exporter at startup with the other configuration errors.
/// </summary>
internal sealed class WebConfigValidator : IValidateOptions<WebConfig>
{
    public ValidateOptionsResult Validate(string? name, WebConfig options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(options.Problems);
    }
}
