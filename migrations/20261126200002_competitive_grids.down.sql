DROP TABLE competitive_criteria;
DROP TABLE competitive_grids;
