using Autowartung.Platform.Catalog;
using Autowartung.Platform.Pricing;
using Autowartung.Platform.Quotes;
using Autowartung.Platform.Vehicles;

namespace Autowartung.Platform.Tests;

public sealed class PricingTests
{
    [Theory]
    [InlineData(10000, 1900)]
    [InlineData(1, 0)]        // 0.19 ct
    [InlineData(3, 1)]        // 0.57 ct
    [InlineData(50, 10)]      // 9.5 ct rounds half up
    [InlineData(21900, 4161)]
    [InlineData(0, 0)]
    public void Vat_FromNet_AddsNineteenPercentRoundedHalfUp(int net, int vat)
    {
        var amount = Vat.FromNet(net);

        Assert.Equal(net, amount.NetCents);
        Assert.Equal(vat, amount.VatCents);
        Assert.Equal(net + vat, amount.GrossCents);
    }

    [Theory]
    [InlineData(2900, 2437, 463)]
    [InlineData(119, 100, 19)]
    [InlineData(1, 1, 0)]
    public void Vat_FromGross_TakesTheVatOut_AndKeepsTheGross(int gross, int net, int vat)
    {
        var amount = Vat.FromGross(gross);

        Assert.Equal((net, vat, gross), (amount.NetCents, amount.VatCents, amount.GrossCents));
    }

    [Fact]
    public void Vat_RefusesNegativeAmounts()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Vat.FromNet(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => Vat.FromGross(-1));
    }

    [Fact]
    public void QuoteCalculator_GivesTheSameLinesForTheSameInputs_InCatalogOrder_WithTheFeeLast()
    {
        var catalog = CatalogTemplate.Create().ToDictionary(i => i.Code);
        (CatalogItem, int)[] chosen = [(catalog["OIL_CHANGE"], 9900), (catalog["INSPECTION"], 21900)];

        var first = QuoteCalculator.Lines(chosen, 2900);
        var second = QuoteCalculator.Lines(chosen.Reverse(), 2900);

        Assert.Equal(["INSPECTION", "OIL_CHANGE", QuoteCalculator.ConciergeFeeCode], first.Select(l => l.Code));
        Assert.Equal(first.Select(l => (l.Code, l.NetCents, l.VatCents, l.GrossCents)), second.Select(l => (l.Code, l.NetCents, l.VatCents, l.GrossCents)));
        Assert.Equal((21900, 4161, 26061), (first[0].NetCents, first[0].VatCents, first[0].GrossCents));
        Assert.Equal(2900, first[2].GrossCents);
        Assert.All(first, l => Assert.Equal(l.NetCents + l.VatCents, l.GrossCents));
    }

    [Fact]
    public void PriceListTemplate_PricesEveryServiceForEveryClass()
    {
        var prices = PriceListTemplate.For(Guid.NewGuid()).ToList();

        Assert.Equal(CatalogTemplate.Create().Count * Enum.GetValues<VehicleClass>().Length, prices.Count);
        Assert.All(prices, p => Assert.True(p.NetCents > 0));
    }

    [Fact]
    public void OilChange_DoesNotApplyToElectricCars()
    {
        var oil = CatalogTemplate.Create().Single(i => i.Code == "OIL_CHANGE");

        Assert.False(oil.AppliesTo(FuelType.Electric));
        Assert.True(oil.AppliesTo(FuelType.Diesel));
    }

    [Theory]
    [InlineData("29.00", 2900)]
    [InlineData("29,5", 2950)]
    [InlineData(" 0.005 ", 1)]          // half a cent rounds up
    [InlineData("1000000", 100_000_000)]
    [InlineData("1000000.01", null)]
    [InlineData("-1", null)]
    [InlineData("1e3", null)]
    [InlineData("zwölf", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void EuroInput_ReadsWhatFormsSend(string? euros, int? cents) => Assert.Equal(cents, EuroInput.Cents(euros));

    [Fact]
    public void EuroInput_FormatsForANumberInput_WhateverTheCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.GetCultureInfo("de-DE");
        try
        {
            Assert.Equal("1234.50", EuroInput.Format(123_450));
            Assert.Equal(123_450, EuroInput.Cents(EuroInput.Format(123_450)));
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentCulture = before;
        }
    }
}
