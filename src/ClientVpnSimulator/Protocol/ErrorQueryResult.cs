using System.Text.Json;

namespace ClientVpnSimulator.Protocol;

/// <summary>An error answer, in the error format of the service whose action was asked for.</summary>
internal sealed class ErrorQueryResult : QueryResult
{
    /// <summary>Creates the answer to request <paramref name="requestId"/>; EC2's format unless <paramref name="service"/> says otherwise.</summary>
    public ErrorQueryResult(QueryError error, string requestId, AwsService? service = null)
    {
        this.Error = error;
        this.RequestId = requestId;
        this.Service = service ?? AwsService.Ec2;
    }

    /// <summary>The error reported.</summary>
    public QueryError Error { get; }

    /// <summary>The id of the request answered.</summary>
    public string RequestId { get; }

    /// <summary>Whose format the error is written in.</summary>
    public AwsService Service { get; }

    /// <inheritdoc/>
    public override int StatusCode => this.Error.StatusCode;

    /// <inheritdoc/>
    public override string ContentType => this.Service.Protocol == WireProtocol.Json ? JsonQueryResult.JsonContentType : base.ContentType;

    /// <inheritdoc/>
    public override void WriteTo(Stream stream)
    {
        if (this.Service.Protocol == WireProtocol.Json)
        {
            // JSON 1.1: {"__type":"ResourceNotFoundException","message":"…"}; the request id travels in x-amzn-RequestId.
            using var json = new Utf8JsonWriter(stream);
            json.WriteStartObject();
            json.WriteString("__type", this.Error.Code);
            json.WriteString(this.Error.JsonMessageMember, this.Error.Message);
            json.WriteEndObject();
            return;
        }

        using var writer = Ec2Xml.CreateWriter(stream);
        writer.WriteStartDocument();
        if (this.Service.Protocol == WireProtocol.Query)
        {
            // STS, IAM: <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>, namespaced.
            writer.WriteStartElement("ErrorResponse", this.Service.XmlNamespace);
            writer.WriteStartElement("Error");
            writer.WriteElementString("Type", this.Error.StatusCode >= 500 ? "Receiver" : "Sender");
            writer.WriteElementString("Code", this.Error.Code);
            writer.WriteElementString("Message", this.Error.Message);
            writer.WriteEndElement();
            writer.WriteElementString("RequestId", this.RequestId);
        }
        else
        {
            // EC2: <Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>, no namespace.
            writer.WriteStartElement("Response");
            writer.WriteStartElement("Errors");
            writer.WriteStartElement("Error");
            writer.WriteElementString("Code", this.Error.Code);
            writer.WriteElementString("Message", this.Error.Message);
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteElementString("RequestID", this.RequestId);
        }

        writer.WriteEndElement();
        writer.WriteEndDocument();
    }
}
