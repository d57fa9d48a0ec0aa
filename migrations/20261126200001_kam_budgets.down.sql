DROP TABLE kam_budgets;
