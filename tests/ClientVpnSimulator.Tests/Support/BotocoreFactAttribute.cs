namespace ClientVpnSimulator.Tests.Support;

/// <summary>A test that needs botocore; skipped, saying why, only when <see cref="Botocore.Missing"/>.</summary>
public sealed class BotocoreFactAttribute : FactAttribute
{
    public BotocoreFactAttribute()
    {
        this.Skip = Botocore.Missing;
    }
}
