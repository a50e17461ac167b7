"""Money and prices: amounts with their currency, dated exchange rates, price models and
the providers' price lists. Pure code: the price books come from the services."""
