namespace ClientVpnExporter.Aws.Services;

/// <summary>
/// A root, organisational unit or account as ListChildren and ListParents name it: its id (<c>r-…</c>, <c>ou-…</c>, 12
/// digits) and type (<c>ROOT</c>, <c>ORGANIZATIONAL_UNIT</c>, <c>ACCOUNT</c>).
/// </summary>
internal sealed record OrganizationEntity(string Id, string Type);
