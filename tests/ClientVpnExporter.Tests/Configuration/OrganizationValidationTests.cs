using ClientVpnExporter.Configuration;

namespace ClientVpnExporter.Tests.Configuration;

public class OrganizationValidationTests
{
    private readonly ExporterOptionsValidator validator = new();

    [Fact]
    public void Validate_EnabledWithRoleName_Succeeds()
    {
        Assert.True(this.validator.Validate(null, Enabled()).Succeeded);
    }

    [Fact]
    public void Validate_EnabledWithoutRoleName_NamesRoleName()
    {
        var options = Enabled();
        options.Organization.RoleName = "";

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.StartsWith("ClientVpn:Organization:RoleName must be set", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DisabledWithoutRoleName_Succeeds()
    {
        var options = Enabled();
        options.Organization = new OrganizationOptions();

        Assert.True(this.validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_EnabledWithAccounts_FailsNamingBoth()
    {
        var options = Enabled();
        options.Accounts = [new AccountOptions { RoleArn = "arn:aws:iam::111122223333:role/clientvpn-exporter" }];

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.StartsWith("ClientVpn:Organization:Enabled and ClientVpn:Accounts cannot both be set", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AccountIds", "12345", "ClientVpn:Organization:AccountIds:0 must be a 12-digit AWS account id (got '12345').")]
    [InlineData("ExcludeAccountIds", "abc", "ClientVpn:Organization:ExcludeAccountIds:0 must be a 12-digit AWS account id (got 'abc').")]
    [InlineData("OrganizationalUnits", "r-ab12", "ClientVpn:Organization:OrganizationalUnits:0 must be an organizational unit id such as ou-ab12-cd34ef56 (got 'r-ab12').")]
    public void Validate_BadId_NamesTheItem(string setting, string value, string expected)
    {
        var options = Enabled();
        (setting switch
        {
            "AccountIds" => options.Organization.AccountIds,
            "ExcludeAccountIds" => options.Organization.ExcludeAccountIds,
            _ => options.Organization.OrganizationalUnits,
        }).Add(value);

        Assert.Equal(expected, Assert.Single(this.validator.Validate(null, options).Failures!));
    }

    [Theory]
    [InlineData("00:00:30")]
    [InlineData("2.00:00:00")]
    public void Validate_RefreshIntervalOutOfRange_NamesIt(string interval)
    {
        var options = Enabled();
        options.Organization.RefreshInterval = TimeSpan.Parse(interval, System.Globalization.CultureInfo.InvariantCulture);

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.StartsWith("ClientVpn:Organization:RefreshInterval must be between 00:01:00 and 1.00:00:00", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ManagementRoleArnNotAnArn_NamesIt()
    {
        var options = Enabled();
        options.Organization.ManagementRoleArn = "organization-reader";

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.StartsWith("ClientVpn:Organization:ManagementRoleArn must be an IAM role ARN", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RegionsAllWithOrganization_Succeeds()
    {
        var options = Enabled();
        options.Regions = ["all"];

        Assert.True(this.validator.Validate(null, options).Succeeded);
    }

    [Fact]
    public void Validate_RegionsAllWithoutOrganization_FailsNamingOrganization()
    {
        var options = new ExporterOptions { Regions = ["all"] };

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.Equal("ClientVpn:Regions 'all' (every enabled region) needs ClientVpn:Organization:Enabled=true; list the regions otherwise.", failure);
    }

    [Fact]
    public void Validate_RegionsAllWithAnotherRegion_Fails()
    {
        var options = Enabled();
        options.Regions = ["all", "eu-west-1"];

        var failure = Assert.Single(this.validator.Validate(null, options).Failures!);
        Assert.Equal("ClientVpn:Regions 'all' must be the only item: it means every enabled region.", failure);
    }

    [Fact]
    public void Home_RegionsListed_IsTheFirst()
    {
        Assert.Equal("eu-west-1", ConfiguredRegions.Home(new ExporterOptions { Regions = ["eu-west-1", "us-east-1"] }));
    }

    private static ExporterOptions Enabled() => new()
    {
        Regions = ["us-east-1"],
        Organization = new OrganizationOptions { Enabled = true, RoleName = "clientvpn-exporter" },
    };
}
