"""Costs: usage records, money and prices — amounts with their currency, dated exchange rates,
price models, the providers' price lists and the rules that turn usage into cost. Pure code:
the price books and the ledger come from the services."""
