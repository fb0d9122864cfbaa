namespace ClientVpnExporter.Aws;

/// <summary>
/// The account id as a label value, filled in once known: the exporter's own account id is only learned
/// from STS after its clients exist.
/// </summary>
internal sealed class AccountLabel(string value)
{
    private volatile string value = value;

    public string Value
    {
        get => this.value;
        set => this.value = value;
    }
}
