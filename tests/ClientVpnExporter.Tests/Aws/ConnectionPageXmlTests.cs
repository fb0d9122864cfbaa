using System.Diagnostics.Metrics;
using System.Globalization;
using System.Security;
using System.Text;
using Amazon.EC2;
using Amazon.EC2.Model;
using Amazon.Runtime;
using ClientVpnExporter.Aws;
using ClientVpnExporter.Configuration;
using ClientVpnExporter.Connections;
using ClientVpnExporter.Tests.Aws.Services;
using ClientVpnExporter.Tests.Support;
using ClientVpnSimulator;
using Microsoft.Extensions.DependencyInjection;

namespace ClientVpnExporter.Tests.Aws;

/// <summary>
/// The fast reader of connection pages against the SDK's own unmarshaller, through the real SDK over loopback HTTP:
/// the same answer is fetched once with a <see cref="ConnectionPageCapture"/> in place and once without, and the
/// connections and the next token must be the same, field by field, whether the fast reader took the page or left
/// it to the SDK.
/// </summary>
public sealed class ConnectionPageXmlTests : IAsyncLifetime
{
    private const string Namespace = "http://ec2.amazonaws.com/doc/2016-11-15/";

    private readonly ServiceProvider services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private FakeAwsService service = null!;
    private AwsTarget target = null!;

    public async Task InitializeAsync()
    {
        this.service = await FakeAwsService.StartAsync("secret");
        this.target = this.Target(this.service.Url);
    }

    public async Task DisposeAsync()
    {
        this.target.Client.Dispose();
        await this.service.DisposeAsync();
        await this.services.DisposeAsync();
    }

    [Fact]
    public async Task Read_AnswerAsAwsWritesIt_FastReaderTakesItAndGivesWhatTheSdkGives()
    {
        var body = Page(
            "<requestId>r-1</requestId>",
            Connection("cvpn-connection-0123456789abcdef0", commonName: "Ann &amp; Bob &lt;x&gt; &#233;&#x4E2D;\u00e9", username: "  spaced  name "),
            Connection("cvpn-connection-0123456789abcdef1", posture: ["compliant", "non-compliant"]),
            Connection("cvpn-connection-0123456789abcdef2", endTime: "-", posture: []),
            "<nextToken>tok&amp;en</nextToken>");

        var (fast, sdk, capture) = await this.BothAsync(body);

        Assert.Equal(1, capture.PagesRead);
        Assert.Equal(sdk, fast);
        Assert.Contains("Ann & Bob <x> é中é", fast, StringComparison.Ordinal);
        Assert.Contains("|compliant,non-compliant|", fast, StringComparison.Ordinal);
        Assert.Contains("next=tok&en", fast, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_EverySimulatorPage_TakenByTheFastReaderAndEqualToTheSdksListing()
    {
        await using var harness = await ExporterOnSimulator.StartAsync(
            new SimulatorOptions { Endpoints = 2, ConnectionsPerEndpoint = 700, ChurnPerHour = 3000, Seed = 41 });
        await harness.AdvanceAsync(TimeSpan.FromMinutes(20));
        var simulator = this.Target(harness.Simulator.BaseAddress);
        var endpoints = await simulator.Client.DescribeClientVpnEndpointsAsync(new DescribeClientVpnEndpointsRequest());
        var pages = 0;
        foreach (var endpoint in endpoints.ClientVpnEndpoints)
        {
            // The paginator moves its request's token along: each reading gets a request of its own.
            DescribeClientVpnConnectionsRequest Request() => new() { ClientVpnEndpointId = endpoint.ClientVpnEndpointId, MaxResults = 200 };
            var fast = new ConnectionListingBuilder(new StringPool());
            var capture = new ConnectionPageCapture(fast.Strings);
            using (capture.Capture())
            {
                await foreach (var page in simulator.Client.Paginators.DescribeClientVpnConnections(Request()).Responses)
                {
                    fast.Add(Assert.IsType<ConnectionListingBuilder>(capture.TakePage()));
                    Assert.True(page.Connections is null or []);
                    pages++;
                }
            }

            var sdk = new ConnectionListingBuilder(new StringPool());
            await foreach (var page in simulator.Client.Paginators.DescribeClientVpnConnections(Request()).Responses)
            {
                page.Connections?.ForEach(sdk.Add);
            }

            Assert.Equal(0, capture.PagesLeftToSdk);
            var empty = new DescribeClientVpnConnectionsResponse();
            Assert.Equal(Describe(empty, sdk.Build()), Describe(empty, fast.Build()));
            Assert.True(fast.Build().Connections.Count > 700);
        }

        Assert.True(pages >= 8, $"{pages} pages");
        simulator.Client.Dispose();
    }

    [Fact]
    public async Task Read_PrettyPrintedWithUnknownElements_FastReaderSkipsThemAsTheSdkDoes()
    {
        var body = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<DescribeClientVpnConnectionsResponse xmlns=\"" + Namespace + "\">\n"
            + "  <requestId>r-2</requestId>\n  <newRootThing><a>1</a><b/></newRootThing>\n  <connections>\n    <item>\n"
            + "      <connectionId>cvpn-connection-0123456789abcdef0</connectionId>\n      <futureField><nested>x &amp; y</nested></futureField>\n"
            + "      <status>\n        <code>active</code>\n        <reason>new</reason>\n      </status>\n"
            + "      <ingressBytes>12</ingressBytes>\n      <username></username>\n    </item>\n  </connections>\n</DescribeClientVpnConnectionsResponse>\n";

        var (fast, sdk, capture) = await this.BothAsync(body);

        Assert.Equal(1, capture.PagesRead);
        Assert.Equal(sdk, fast);
    }

    [Theory]
    [InlineData("<!-- a comment --><connectionId>cvpn-connection-0123456789abcdef0</connectionId>")]
    [InlineData("<connectionId><![CDATA[cvpn-connection-0123456789abcdef0]]></connectionId>")]
    [InlineData("<ConnectionId>cvpn-connection-0123456789abcdef0</ConnectionId>")]
    [InlineData("<ec2:connectionId>cvpn-connection-0123456789abcdef0</ec2:connectionId>")]
    [InlineData("<connectionId a=\"b\">cvpn-connection-0123456789abcdef0</connectionId>")]
    [InlineData("<connectionId>cvpn-connection-0123456789abcdef0</connectionId><username/>")]
    [InlineData("<connectionId>cvpn-connection-0123456789abcdef0</connectionId><username>a\r\nb</username>")]
    [InlineData("<connectionId>cvpn-connection-0123456789abcdef0</connectionId><STATUS><code>active</code></STATUS>")]
    public async Task Read_ShapeAwsDoesNotWrite_LeftToTheSdkWhichReadsItAsBefore(string item)
    {
        var body = Page("<requestId>r-3</requestId>", $"<item>{item}</item>", "<nextToken>t</nextToken>");

        var (fast, sdk, capture) = await this.BothAsync(body);

        Assert.Equal(0, capture.PagesRead);
        Assert.Equal(1, capture.PagesLeftToSdk);
        Assert.Equal(sdk, fast);
    }

    [Fact]
    public async Task Read_RandomConnectionsAndWhitespace_FastReaderAlwaysAgreesWithTheSdk()
    {
        var random = new Random(20261201);
        var read = 0;
        var parsed = 0;
        for (var run = 0; run < 150; run++)
        {
            var space = random.Next(3) == 0 ? "\n  " : "";
            var items = Enumerable.Range(0, random.Next(0, 6)).Select(_ => RandomConnection(random, space)).ToArray();
            var token = random.Next(2) == 0 ? "" : $"<nextToken>{Escape(RandomText(random))}</nextToken>";
            var body = Page([$"<requestId>{run}</requestId>", .. items, token]).Replace("><", ">" + space + "<", StringComparison.Ordinal);

            var (fast, sdk, capture) = await this.BothAsync(body);

            Assert.True(sdk == fast, $"run {run}:\n{body}\nSDK:  {sdk}\nfast: {fast}");
            read += capture.PagesRead;
            parsed += fast.Split("[cvpn-connection-").Length - 1;
        }

        Assert.True(parsed > 100, $"only {parsed} connections parsed: the comparison covered errors alone");

        // Nearly every random page is in AWS's shape; a run where the fast reader declined them all would prove nothing.
        Assert.True(read > 120, $"{read} of 150 pages read by the fast reader");
    }

    [Fact]
    public void TryRead_ConnectionsElement_IsWhatRemainsForTheSdkToSkip()
    {
        var body = Page("<requestId>r</requestId>", Connection("cvpn-connection-0123456789abcdef0"), "<nextToken>n</nextToken>");
        var bytes = Encoding.UTF8.GetBytes(body);

        var connections = new ConnectionListingBuilder(new StringPool());
        Assert.True(ConnectionPageXml.TryRead(bytes, connections, out var element));

        Assert.Equal("cvpn-connection-0123456789abcdef0", Assert.Single(connections.Build().Connections).ConnectionId);
        var rest = Encoding.UTF8.GetString(bytes[..element.Start]) + Encoding.UTF8.GetString(bytes[element.End..]);
        Assert.Equal(body.Replace(body[body.IndexOf("<connections>", StringComparison.Ordinal)..(body.IndexOf("</connections>", StringComparison.Ordinal) + "</connections>".Length)], "", StringComparison.Ordinal), rest);
    }

    [Theory]
    [InlineData("<DescribeClientVpnConnectionsResponse xmlns=\"x\"><connections><item><connectionId>a</connectionId></item></connections>")]
    [InlineData("<DescribeClientVpnConnectionsResponse><connections><item><connectionId>a&bogus;</connectionId></item></connections></DescribeClientVpnConnectionsResponse>")]
    [InlineData("<DescribeClientVpnConnectionsResponse><connections><item><connectionId>a&#0;</connectionId></item></connections></DescribeClientVpnConnectionsResponse>")]
    [InlineData("<DescribeClientVpnConnectionsResponse><connections></connections><connections></connections></DescribeClientVpnConnectionsResponse>")]
    [InlineData("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><DescribeClientVpnConnectionsResponse></DescribeClientVpnConnectionsResponse>")]
    [InlineData("<DescribeClientVpnEndpointsResponse></DescribeClientVpnEndpointsResponse>")]
    [InlineData("<DescribeClientVpnConnectionsResponse><connections><item><connectionId>a</connectionid></item></connections></DescribeClientVpnConnectionsResponse>")]
    public void TryRead_MalformedOrForeign_Declines(string body) =>
        Assert.False(ConnectionPageXml.TryRead(Encoding.UTF8.GetBytes(body), new ConnectionListingBuilder(new StringPool()), out _));

    [Fact]
    public async Task Read_ConnectionTextLongerThanTheScratchBuffer_LeftToTheSdkWhichReadsItAsBefore()
    {
        var body = Page(Connection("cvpn-connection-0123456789abcdef0", commonName: new string('n', 20_000)), Connection("cvpn-connection-0123456789abcdef1"));

        var (fast, sdk, capture) = await this.BothAsync(body);

        Assert.Equal(1, capture.PagesLeftToSdk);
        Assert.Equal(sdk, fast);
        Assert.Contains("error CommonName", fast, StringComparison.Ordinal);
    }

    [Fact]
    public void TryRead_InvalidUtf8_Declines()
    {
        var bytes = Encoding.UTF8.GetBytes(Page(Connection("cvpn-connection-0123456789abcdef0", commonName: "ZZ")));
        var at = Array.IndexOf(bytes, (byte)'Z');
        bytes[at] = 0xC3;
        bytes[at + 1] = 0x28;

        Assert.False(ConnectionPageXml.TryRead(bytes, new ConnectionListingBuilder(new StringPool()), out _));
    }

    // The children in order, the <item>s among them wrapped in one <connections> where the first stood (after the first child when none).
    private static string Page(params string[] children)
    {
        var items = string.Concat(children.Where(IsItem));
        var others = children.Where(c => !IsItem(c)).ToList();
        var at = Array.FindIndex(children, IsItem) is var first and >= 0 ? children.Take(first).Count(c => !IsItem(c)) : Math.Min(1, others.Count);
        others.Insert(at, $"<connections>{items}</connections>");
        return $"<?xml version=\"1.0\" encoding=\"UTF-8\"?><DescribeClientVpnConnectionsResponse xmlns=\"{Namespace}\">{string.Concat(others)}</DescribeClientVpnConnectionsResponse>";

        static bool IsItem(string child) => child.StartsWith("<item>", StringComparison.Ordinal);
    }

    private static string Connection(string id, string commonName = "user@example.com", string username = "", string endTime = "2026-03-01 11:00:00", string[]? posture = null)
    {
        var builder = new StringBuilder("<item><clientVpnEndpointId>cvpn-endpoint-0123456789abcdef0</clientVpnEndpointId><timestamp>2026-03-01 12:00:00</timestamp>");
        builder.Append(CultureInfo.InvariantCulture, $"<connectionId>{id}</connectionId>");
        if (username.Length > 0)
        {
            builder.Append(CultureInfo.InvariantCulture, $"<username>{username}</username>");
        }

        builder.Append("<connectionEstablishedTime>2026-03-01 10:00:00</connectionEstablishedTime><ingressBytes>100</ingressBytes><egressBytes>200</egressBytes>");
        builder.Append("<ingressPackets>3</ingressPackets><egressPackets>4</egressPackets><clientIp>10.0.0.1</clientIp><clientIpv6Address>fd00::1</clientIpv6Address>");
        builder.Append(CultureInfo.InvariantCulture, $"<commonName>{commonName}</commonName><status><code>terminated</code><message>Connection terminated</message></status>");
        builder.Append(CultureInfo.InvariantCulture, $"<connectionEndTime>{endTime}</connectionEndTime>");
        if (posture is not null)
        {
            builder.Append("<postureComplianceStatusSet>").Append(string.Concat(posture.Select(p => $"<item>{p}</item>"))).Append("</postureComplianceStatusSet>");
        }

        return builder.Append("</item>").ToString();
    }

    private static string RandomConnection(Random random, string space)
    {
        string[] fields =
        [
            "clientVpnEndpointId", "timestamp", "connectionId", "username", "connectionEstablishedTime", "ingressBytes", "egressBytes",
            "ingressPackets", "egressPackets", "clientIp", "clientIpv6Address", "commonName", "connectionEndTime",
        ];
        var parts = new List<string>();
        foreach (var field in fields.Where(_ => random.Next(5) != 0))
        {
            parts.Add($"<{field}>{Escape(random.Next(2) == 0 ? Plausible(field, random) : RandomText(random))}</{field}>");
        }

        if (random.Next(3) != 0)
        {
            parts.Add($"<status><code>{Escape(random.Next(4) switch { 0 => "active", 1 => "terminated", 2 => "failed-to-terminate", _ => RandomText(random) })}</code>{(random.Next(2) == 0 ? $"<message>{Escape(RandomText(random))}</message>" : "")}</status>");
        }

        if (random.Next(3) == 0)
        {
            parts.Add($"<postureComplianceStatusSet>{string.Concat(Enumerable.Range(0, random.Next(4)).Select(_ => $"<item>{Escape(random.Next(2) == 0 ? "compliant" : RandomText(random))}</item>"))}</postureComplianceStatusSet>");
        }

        if (random.Next(6) == 0)
        {
            parts.Add($"<somethingNew>{Escape(RandomText(random))}<deeper>{Escape(RandomText(random))}</deeper></somethingNew>");
        }

        if (random.Next(30) == 0)
        {
            parts.Add("<Username>case</Username>");
        }

        return "<item>" + string.Join(space, parts.OrderBy(_ => random.Next())) + "</item>";
    }

    // A value as AWS would write it, so that most connections parse and their parsed fields are compared too.
    private static string Plausible(string field, Random random) => field switch
    {
        "connectionId" => $"cvpn-connection-{random.Next(0x10000000, int.MaxValue):x8}{random.Next(0, 0xFFFF):x4}",
        "timestamp" or "connectionEstablishedTime" => $"2026-03-01 {random.Next(10, 12)}:{random.Next(60):00}:{random.Next(60):00}",
        "connectionEndTime" => random.Next(2) == 0 ? "-" : $"2026-03-01 11:{random.Next(60):00}:{random.Next(60):00}",
        "ingressBytes" or "egressBytes" or "ingressPackets" or "egressPackets" => random.NextInt64().ToString(CultureInfo.InvariantCulture),
        "clientIp" => $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}",
        "clientIpv6Address" => $"fd00::{random.Next(0xFFFF):x}",
        _ => $"user{random.Next(5)}@example.com",
    };

    private static string RandomText(Random random)
    {
        const string alphabet = "abcXYZ019 -_.:/@&<>\"'\té中😀\n";
        var length = random.Next(0, 12);
        var builder = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var index = random.Next(alphabet.Length);
            builder.Append(char.IsHighSurrogate(alphabet[index]) ? alphabet.Substring(index, 2) : char.IsLowSurrogate(alphabet[index]) ? "x" : alphabet[index].ToString());
        }

        return builder.ToString();
    }

    // Half the time a character reference instead of the character, as some writers do.
    private static string Escape(string text) =>
        text.Length > 0 && text[0] == 'a' ? string.Concat(text.Select(c => char.IsSurrogate(c) ? c.ToString() : $"&#{(int)c};")) : SecurityElement.Escape(text);

    private static string Describe(DescribeClientVpnConnectionsResponse response, ConnectionListing listing)
    {
        var builder = new StringBuilder();
        builder.Append("next=").Append(response.NextToken ?? "<null>").Append(";listedAt=").Append(listing.ListedAt?.ToString("O", CultureInfo.InvariantCulture) ?? "<null>");
        builder.Append(";count=").Append(listing.Connections.Count).Append('\n');
        foreach (var c in listing.Connections)
        {
            builder.Append(CultureInfo.InvariantCulture, $"[{c.ConnectionId}|{c.Status}|{c.User}|{c.CommonName}|{c.ClientIp}|{c.ClientIpv6Address}|{c.Posture}|{c.IngressBytes}|{c.EgressBytes}|{c.IngressPackets}|{c.EgressPackets}|{c.ReadAt:O}|{c.EstablishedAt:O}|{c.EndedAt:O}]\n");
        }

        foreach (var error in listing.Errors)
        {
            builder.Append(CultureInfo.InvariantCulture, $"error {error.Field}: {error.Value ?? "<null>"}\n");
        }

        return builder.ToString();
    }

    private AwsTarget Target(Uri url)
    {
        var metrics = new AwsApiMetrics(this.services.GetRequiredService<IMeterFactory>());
        var budget = new ApiBudget(new ApiBudgetOptions { RequestsPerSecond = 10_000, Burst = 10_000 });
        return new AwsTarget("default", "us-east-1", t => new AmazonEC2Client(
            new BasicAWSCredentials("AKIDPAGES", "secret"),
            new AmazonEC2Config
            {
                ServiceURL = url.ToString(),
                AuthenticationRegion = "us-east-1",
                MaxErrorRetry = 0,
                HttpClientFactory = new BudgetedHttpClientFactory(budget, metrics, t, TimeSpan.FromSeconds(10)),
            }));
    }

    private async Task<(string Fast, string Sdk, ConnectionPageCapture Capture)> BothAsync(string body)
    {
        this.service.Script(Answer.Xml(200, body), Answer.Xml(200, body));
        var request = new DescribeClientVpnConnectionsRequest { ClientVpnEndpointId = "cvpn-endpoint-0123456789abcdef0" };

        var listing = new ConnectionListingBuilder(new StringPool());
        var capture = new ConnectionPageCapture(listing.Strings);
        string fast;
        using (capture.Capture())
        {
            fast = await Outcome(async () =>
            {
                var response = await this.target.Client.DescribeClientVpnConnectionsAsync(request);
                if (capture.TakePage() is { } read)
                {
                    Assert.True(response.Connections is null or [], "the SDK was left connections the fast reader read too");
                    listing.Add(read);
                }
                else
                {
                    response.Connections?.ForEach(listing.Add);
                }

                return Describe(response, listing.Build());
            });
        }

        var sdk = await Outcome(async () =>
        {
            var response = await this.target.Client.DescribeClientVpnConnectionsAsync(request);
            var parsed = new ConnectionListingBuilder(new StringPool());
            response.Connections?.ForEach(parsed.Add);
            return Describe(response, parsed.Build());
        });
        return (fast, sdk, capture);
    }

    private static async Task<string> Outcome(Func<Task<string>> call)
    {
        try
        {
            return await call();
        }
        catch (Exception ex) when (ex is AmazonServiceException or System.Xml.XmlException)
        {
            return "failed: " + ex.GetType().Name;
        }
    }
}
