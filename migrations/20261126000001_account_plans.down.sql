DROP TABLE plan_actions;
DROP TABLE plan_objectives;
DROP TABLE account_plans;
