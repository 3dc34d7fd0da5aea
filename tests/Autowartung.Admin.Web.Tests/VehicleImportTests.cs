using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Autowartung.Testing;

namespace Autowartung.Admin.Web.Tests;

public sealed class VehicleImportTests(AdminApp app) : IClassFixture<AdminApp>
{
    private async Task<HttpResponseMessage> UploadAsync(byte[] content, string fileName = "katalog.csv")
    {
        using var client = app.AdminClient();
        var token = Forms.Token(await client.GetStringAsync("/fahrzeuge"));
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", fileName);
        return await client.PostAsync("/fahrzeuge", form);
    }

    [Fact]
    public async Task Import_OfAGoodFile_AddsTheModels()
    {
        var csv = "make;model;yearFrom;yearTo;fuels;class;keyNumbers\nCupra;Formentor;2020;;Petrol|Hybrid;SuvVan;7593/CFO:Petrol\n";

        using var response = await UploadAsync(Encoding.UTF8.GetBytes(csv));

        Assert.Contains("data-testid=\"import-done\"", await response.Content.ReadAsStringAsync());
        Assert.Equal(1L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM vehicle_models WHERE model = 'Formentor'"));
    }

    [Fact]
    public async Task Import_OfABadFile_NamesTheLines_AndImportsNothing()
    {
        var csv = "make;model;yearFrom;yearTo;fuels;class;keyNumbers\nCupra;Born;2021;;Diesel|Kerosin;Compact;\n";

        using var response = await UploadAsync(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"import-errors\"", html);
        Assert.Contains("Zeile 2", html);
        Assert.Equal(0L, await app.Database.ScalarAsync<long>("SELECT count(*) FROM vehicle_models WHERE model = 'Born'"));
    }

    [Fact]
    public async Task Upload_ThatIsNoText_Is415_WhateverItsName()
    {
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE];

        using var response = await UploadAsync(png, "katalog.csv");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Upload_OverOneMegabyte_Is413()
    {
        var big = Encoding.UTF8.GetBytes("make;model;yearFrom;yearTo;fuels;class;keyNumbers\n" + new string('#', 1024 * 1024 + 10));

        using var response = await UploadAsync(big);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
